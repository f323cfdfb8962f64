awk 'BEGIN {printf "%d %s %c\n", 42.9, "str", 65}'
