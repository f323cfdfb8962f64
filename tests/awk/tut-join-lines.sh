printf 'a\nb\nc\n' | awk '{s = s (NR>1 ? "," : "") $0} END {print s}'
