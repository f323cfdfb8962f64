awk 'BEGIN {print a["k"] + 0, length(a)}'
