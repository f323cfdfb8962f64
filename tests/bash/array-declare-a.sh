declare -a arr=(5 6); echo ${arr[1]}; declare -a e; echo ${#e[@]}
