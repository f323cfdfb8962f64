awk 'BEGIN {p[9]=1; split("x y", p); print length(p), (9 in p)}'
