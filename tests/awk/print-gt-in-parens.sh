awk 'BEGIN {print (2 > 1), (1 > 2)}'
