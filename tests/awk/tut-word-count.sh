printf 'the cat the dog\nthe end\n' | awk '{for (i=1;i<=NF;i++) w[$i]++} END {for (k in w) print w[k], k}' | sort -k2
