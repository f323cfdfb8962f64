awk 'function cnt(a,  k, n) {for (k in a) n++; return n} BEGIN {x[1]; x[2]; print cnt(x)}'
