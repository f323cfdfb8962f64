awk 'BEGIN {print "[" x "]", x+0}'
