printf 'a\nb\nc\n' > f
awk 'BEGIN {while ((getline l < "f") > 0) n++; print n, NR}'
