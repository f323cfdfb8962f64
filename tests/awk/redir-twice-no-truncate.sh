awk 'BEGIN {print "a" > "o"; print "b" > "o"}'; cat o
