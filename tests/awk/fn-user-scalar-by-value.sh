awk 'function inc(n) {n++; return n} BEGIN {v = 1; print inc(v), v}'
