awk 'function f() {x = 1} BEGIN {v = f(); print "[" v "]", x}'
