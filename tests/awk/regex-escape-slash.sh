echo 'a/b' | awk '/a\/b/ {print "matched"}'
