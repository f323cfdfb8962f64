awk 'BEGIN {srand(1); for (i=0;i<100;i++) {r = rand(); if (r < 0 || r >= 1) bad++}; print bad + 0}'
