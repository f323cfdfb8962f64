awk 'BEGIN {print "discarded" > "/dev/null"; print "kept"}'
