awk 'BEGIN {print "b" | "cat"; print "a"}'
