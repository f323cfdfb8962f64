for r in '+5' 'x|*' 'a|' '|a' 'a||b' '()' '^*' 'a(|b)' 'x(a||b)' 'a**' '[+]5'; do
  awk -v r="$r" 'BEGIN { print match("xa+5", r) }' 2>&1; echo "$r $?"
done
