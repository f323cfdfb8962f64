arr=(one two three); echo ${arr[0]} ${arr[2]}; echo ${arr[@]}; echo ${#arr[@]}; echo $arr
