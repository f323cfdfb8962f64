printf '\n' | awk '{print NF, "[" $1 "]"}'
