awk 'BEGIN {for (i=1;i<=5;i++) a[i]=i*i; s=0; for (k in a) s+=a[k]; print s}'
