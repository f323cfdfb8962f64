awk 'BEGIN { if (1) { print "a" }; print "b" };'
