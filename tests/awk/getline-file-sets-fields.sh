printf 'p q r\n' > f
awk 'BEGIN {getline < "f"; print NF, $2, NR}'
