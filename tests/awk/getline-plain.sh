printf '1\n2\n3\n4\n' | awk '{getline; print "got", $0, NR}'
