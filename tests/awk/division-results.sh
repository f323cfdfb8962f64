awk 'BEGIN {print 1/4, 2/3, 100/3, 1e6/3}'
