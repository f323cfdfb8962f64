awk 'BEGIN {n = split("", p); print n, length(p)}'
