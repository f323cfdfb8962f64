awk 'BEGIN {printf "%c%c\n", "hello", 10 + 56}'
