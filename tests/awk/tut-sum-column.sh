printf 'alice 30 paris\nbob 25 london\ncarol 35 paris\ndave 40 berlin\n' > people.txt
awk 'NR>0 {sum+=$2} END {print sum}' people.txt
