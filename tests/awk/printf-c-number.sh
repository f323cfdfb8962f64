awk 'BEGIN {printf "%c%c%c\n", 72, 105, 33}'
