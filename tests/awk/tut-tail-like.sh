printf '1\n2\n3\n4\n5\n' | awk '{a[NR]=$0} END {for (i=NR-1; i<=NR; i++) print a[i]}'
