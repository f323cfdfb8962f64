printf 'a\tb\n' | awk -F '\t' '{print $2}'
