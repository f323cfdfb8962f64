seq 1 15 > f; tail f
