printf 'alice 30 paris\nbob 25 london\ncarol 35 paris\ndave 40 berlin\n' > people.txt
awk '{c[$3]++} END {for (k in c) print k, c[k]}' people.txt | sort
