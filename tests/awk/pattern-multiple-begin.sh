awk 'BEGIN {printf "a"} BEGIN {print "b"}'
