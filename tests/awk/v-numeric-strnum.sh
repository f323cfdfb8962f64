awk -v n=10 'BEGIN {if (n > 9) print "numeric"; else print "string"}'
