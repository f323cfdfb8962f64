awk 'BEGIN {if (1 in a) print "yes"; print length(a)}'
