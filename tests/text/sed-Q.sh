seq 1 5 | sed 3Q
