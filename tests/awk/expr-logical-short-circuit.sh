awk 'BEGIN {if (0 && x++) print "no"; if (1 || y++) print "yes"; print x+0, y+0}'
