for s in "x,y:z" "xx" "axxb" ""; do echo "$s" | awk '{ n = gsub("x*", "-"); print n, $0 }'; done
