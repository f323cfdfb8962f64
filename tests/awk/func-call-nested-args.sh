awk 'function max(a, b) {return a > b ? a : b} BEGIN {print max(max(1, 5), max(3, 2))}'
