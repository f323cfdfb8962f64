awk 'BEGIN {a[0.1+0.2]=1; for (k in a) print k; a[2.0]=1; print (2 in a)}'
