seq 10 | tail -n 2
