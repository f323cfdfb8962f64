awk 'BEGIN {x = "0"; if (x) print "string 0 is true"; y = 0; if (!y) print "number 0 is false"}'
