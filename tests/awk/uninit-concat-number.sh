awk 'BEGIN {print x + 1, x "" 1, -x}'
