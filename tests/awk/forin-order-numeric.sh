awk 'BEGIN {for (i=1;i<=5;i++) a[i]; for (k in a) print k}'
