awk 'BEGIN {printf "x"; system("echo y"); print "z"}'
