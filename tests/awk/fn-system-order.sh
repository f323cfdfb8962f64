awk 'BEGIN {print "before"; system("echo middle"); print "after"}'
