printf 'alice 30 paris\nbob 25 london\ncarol 35 paris\ndave 40 berlin\n' > people.txt
awk '{s+=$2; n++} END {print s/n}' people.txt
