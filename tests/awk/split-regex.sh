awk 'BEGIN {n = split("a1b22c", p, /[0-9]+/); print n, p[1], p[2], p[3]}'
