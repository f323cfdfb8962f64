awk 'BEGIN {print "3abc"+1, " 12 "+0, ".5"+0, "1e2x"+0, "abc"+0}'
