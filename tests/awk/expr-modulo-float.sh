awk 'BEGIN {print 5.5 % 2, -5 % 3}'
