awk 'BEGIN {print 1 " " 2+3 " " 4*5}'
