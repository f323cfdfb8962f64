awk 'BEGIN {if (a[1] == "") print length(a)}'
