printf '3\n1\n2\n' | awk '{print | "sort -n"} END {print "end"}'
