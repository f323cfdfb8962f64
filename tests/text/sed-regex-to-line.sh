seq 1 10 | sed -n '/4/,6p'
