awk 'BEGIN {n = split("a b c d", p); for (k in p) print k, p[k]}'
