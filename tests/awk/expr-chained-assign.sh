awk 'BEGIN {a = b = c = 7; print a, b, c}'
