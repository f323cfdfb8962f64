echo 'a,b,c' | sed 's/,/\n/g'
