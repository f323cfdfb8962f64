printf '1\n2\n' > a; printf '3\n' > b
awk '{print FILENAME, NR, FNR}' a b
