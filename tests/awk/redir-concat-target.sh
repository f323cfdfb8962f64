awk 'BEGIN {f = "out"; print "x" > f ".txt"}'; cat out.txt
