printf '1\n2\n' > a; printf '3\n4\n' > b
awk 'FNR==2 {nextfile} {print FILENAME, $0}' a b
