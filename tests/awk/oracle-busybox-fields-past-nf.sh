printf '10\n-0\n' | awk '$3 >= $1'
echo ---
printf -- '-0\n' | awk '$3 >= $1'
echo ---
printf 'a b c d\n-0\n' | awk '{ print ($3 == 0), ($3 == ""), ($9 == 0) }'
awk 'BEGIN { print ($3 == 0), ($3 == "") }'
