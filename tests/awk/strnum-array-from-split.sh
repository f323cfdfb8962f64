awk 'BEGIN {split("2 10", a); print (a[1] < a[2])}'
