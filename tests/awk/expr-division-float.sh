awk 'BEGIN {print 1/3, 10/4, 2/2}'
