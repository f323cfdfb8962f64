seq 1 20 | grep -C1 -e 5 -e 15
