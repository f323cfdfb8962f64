awk 'BEGIN {split("10 9", p); print (p[1] > p[2])}'
