awk 'BEGIN {n = split(" x  y ", p, " "); print n, p[1]}'
