awk 'function fill(arr, n,   i) {for (i=1;i<=n;i++) arr[i]=i*10} BEGIN {fill(x, 3); print x[1], x[3], length(x)}'
