awk 'BEGIN {print "one" > "out.txt"; print "two" > "out.txt"; close("out.txt"); while ((getline l < "out.txt") > 0) print "read", l}'; cat out.txt
