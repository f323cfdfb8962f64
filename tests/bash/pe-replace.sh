v=hello-world-hello; echo ${v/hello/bye}; echo ${v//hello/bye}; echo ${v/#hello/X}; echo ${v/%hello/Y}; echo ${v//o}
