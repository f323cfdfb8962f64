awk 'BEGIN { print "a", "b", 1 % 0 }'; echo " $?"
awk 'BEGIN { x = 0; printf "%d\n", 5, 1 / x; printf "%s", "1", 1 / x }'; echo " $?"
