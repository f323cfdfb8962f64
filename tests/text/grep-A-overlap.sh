seq 1 10 | grep -A2 -e 3 -e 4
