printf 'a1\nb22\n' | awk '/[0-9]{2}/ {print "two digits:", $0}'
