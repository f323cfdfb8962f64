printf 'h1 h2 h3 h4 h5\na b c d 5\na b c d 7\n' | awk 'NR>1 {sum+=$5} END {print sum}'
