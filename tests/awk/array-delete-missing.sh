awk 'BEGIN {delete a[5]; print length(a)}'
