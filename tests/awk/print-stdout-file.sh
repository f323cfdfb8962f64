awk 'BEGIN {print "to stdout file" > "/dev/stdout"}'
