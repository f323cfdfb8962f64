printf 'x=1 # one\ny=2\n' | sed 's/[[:space:]]*#.*//'
