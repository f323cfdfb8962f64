awk 'BEGIN {print "z" | "sort"; print "a" | "sort"; close("sort"); print "done"}'
