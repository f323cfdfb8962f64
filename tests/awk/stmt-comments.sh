awk '# start
BEGIN { # comment
  print "ok" # trailing
}'
