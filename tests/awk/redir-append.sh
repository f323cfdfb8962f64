echo old > log.txt
awk 'BEGIN {print "new" >> "log.txt"}'; cat log.txt
