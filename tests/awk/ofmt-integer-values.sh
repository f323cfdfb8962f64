awk 'BEGIN {OFMT = "%.2f"; print 17, 17.0, 17.5}'
