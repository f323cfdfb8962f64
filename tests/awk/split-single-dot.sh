awk 'BEGIN {n = split("a.b.c", p, "."); print n, p[2]}'
