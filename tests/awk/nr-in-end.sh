printf 'a\nb\nc\n' | awk 'END {print NR, FNR, $0}'
