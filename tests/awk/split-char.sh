awk 'BEGIN {n = split("a:b::c", p, ":"); print n; for (i=1;i<=n;i++) print i, "[" p[i] "]"}'
