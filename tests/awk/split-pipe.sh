awk 'BEGIN {n = split("a|b", p, "|"); print n, p[2]}'
