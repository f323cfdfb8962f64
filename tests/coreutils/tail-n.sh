seq 1 15 > f; tail -n 3 f; tail -2 f
