awk 'BEGIN {if ("") print "no"; else print "empty is false"}'
