printf 'alice 30 paris\nbob 25 london\ncarol 35 paris\ndave 40 berlin\n' > people.txt
awk 'max == "" || $2 > max {max=$2; who=$1} END {print who, max}' people.txt
