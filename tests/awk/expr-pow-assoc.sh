awk 'BEGIN {print 2^3^2, -2^2, (-2)^2}'
