seq 1 15 > f; head -n 3 f; head -n3 f; head -2 f
