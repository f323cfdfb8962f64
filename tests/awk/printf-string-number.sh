awk 'BEGIN {printf "%s %s %s\n", 0.1, 100, 1e6}'
