awk
