seq 4 | paste -d: - -
seq 5 | paste - - -
seq 3 | paste -sd+
printf "a\nb\n" | paste -s -d, -
