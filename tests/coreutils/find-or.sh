touch a b c; find . -name a -o -name c | sort
