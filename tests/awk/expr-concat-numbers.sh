awk 'BEGIN {x = 1 2; print x, x+1}'
