awk 'BEGIN{print "abc}' </dev/null
