awk 'BEGIN {printf "err %d\n", 5 > "/dev/stderr"}'
