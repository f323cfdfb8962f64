awk 'BEGIN {"echo a b" | getline; print NF, $2, NR}'
