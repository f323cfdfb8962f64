printf 'alice 30 paris\nbob 25 london\ncarol 35 paris\ndave 40 berlin\n' > people.txt
awk '$2 > 26 && $3 == "paris" || $1 == "dave"' people.txt
