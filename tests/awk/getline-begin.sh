printf 'first\nsecond\n' | awk 'BEGIN {getline; print "begin saw", $0} {print "main", $0}'
