a=(apple banana cherry); echo ${a[@]^^}; echo ${a[@]/a/A}; echo ${a[@]#?}; echo ${a[@]:1:1}
