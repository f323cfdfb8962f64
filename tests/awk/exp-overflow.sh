awk 'BEGIN {x = 2^1024; print (x > 1e308)}'
