awk 'BEGIN {
  if (0)
    print "a"
  else if (1)
    print "b"
  else
    print "c"
}'
