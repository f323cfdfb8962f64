echo data | awk 'BEGIN {exit} {print "never"}'
