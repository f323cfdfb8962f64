printf 'a\nb\n' | awk '{print; exit} END {print "end"}'
