a=($(echo 1 2 3)); echo ${#a[@]}; b=($(printf "%s\n" x y)); echo ${b[1]}
