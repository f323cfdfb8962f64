printf 'first\nlast line\n' | awk 'END {print $0, NF}'
