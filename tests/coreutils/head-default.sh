seq 1 15 > f; head f
