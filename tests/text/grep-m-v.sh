seq 1 10 | grep -v -m3 5
