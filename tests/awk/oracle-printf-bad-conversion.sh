awk 'BEGIN { printf "%d%", 1; print ""; printf "a%5%b\n", 7 }'
awk 'BEGIN { printf "x%qy\n", 1 }'
awk 'BEGIN { f = sprintf("%%%0i\n", ""); printf f }'
echo "exit $?"
