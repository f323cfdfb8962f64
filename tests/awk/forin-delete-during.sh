awk 'BEGIN {a[1];a[2];a[3]; for (k in a) delete a[k]; print length(a)}'
