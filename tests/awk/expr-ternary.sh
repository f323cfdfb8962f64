awk 'BEGIN {for (i=1;i<=3;i++) print (i%2 ? "odd" : "even")}'
