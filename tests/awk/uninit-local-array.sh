awk 'function f(n,   tmp) {tmp[1] = n; return tmp[1] * 2} BEGIN {print f(4), f(5)}'
