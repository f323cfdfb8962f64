awk 'BEGIN {print 0.000001, 0.0001234, 1/7}'
