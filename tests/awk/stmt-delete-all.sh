awk 'BEGIN {a[1]; a[2]; delete a; print length(a)}'
