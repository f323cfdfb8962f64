printf 'name,age\nann,3\nbo,4\n' | awk -F, 'NR>1 {print $2 " " $1}'
