awk 'BEGIN {printf "%d %d %d\n", "12abc", "abc", "-3.9"}'
