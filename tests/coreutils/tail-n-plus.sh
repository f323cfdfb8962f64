seq 1 5 > f; tail -n +3 f
