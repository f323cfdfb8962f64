printf '10\n' > f
awk 'BEGIN {getline v < "f"; print (v > 9)}'
