awk 'BEGIN {print "no input read"}'
