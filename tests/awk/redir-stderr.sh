awk 'BEGIN {print "to stderr" > "/dev/stderr"; print "to stdout"}'
