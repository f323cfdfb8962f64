awk 'BEGIN {printf "%05d %05.1f %-05d|\n", -42, -1.5, 7}'
