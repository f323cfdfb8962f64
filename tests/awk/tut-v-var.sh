echo 'a b' | awk -v name=world '{print "hello", name, $2}'
