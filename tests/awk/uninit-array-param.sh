awk 'function f(arr) {arr["k"] = 1} BEGIN {f(a); print length(a), a["k"]}'
