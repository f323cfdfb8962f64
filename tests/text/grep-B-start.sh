seq 1 5 | grep -B3 2
