awk 'BEGIN {a["x" 1] = 5; print a["x1"]}'
