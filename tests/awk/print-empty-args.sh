echo 'x y' | awk '{print ""; print}'
