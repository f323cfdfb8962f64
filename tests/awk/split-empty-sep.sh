awk 'BEGIN {n = split("abc", p, ""); print n, p[1], p[3]}'
