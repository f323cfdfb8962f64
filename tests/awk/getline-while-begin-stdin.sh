printf 'l1\nl2\n' | awk 'BEGIN {while ((getline line) > 0) n++; print n}'
