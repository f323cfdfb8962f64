awk 'BEGIN { x = "nan" + 0; print $x }'; echo "nan $?"
awk 'BEGIN { x = -2147483645; print $x }'; echo "neg $?"
awk 'BEGIN { x = 2147483648; print length($x) }'; echo "big $?"
