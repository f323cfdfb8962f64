awk 'BEGIN {printf "%#g %#x %#.3g\n", 1, 0, 2}'
