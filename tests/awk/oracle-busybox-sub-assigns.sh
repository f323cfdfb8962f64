printf 'a  b\n\n' | awk '{ sub("x", "y", $2); print "[" $0 "]" }'
awk 'BEGIN { n = 5; sub("x", "y", n); print (n < 10) }'
