printf 'x\nab\ny\n' | awk '/a/,/b/ {print "in:", $0}'
