awk 'function f(a,   tmp) {tmp = a * 2; return tmp} BEGIN {tmp = "global"; print f(4), tmp}'
