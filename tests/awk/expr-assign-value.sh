awk 'BEGIN {print (x = 5) + 1, x}'
