printf 'a\tb c\td\n' | awk -F'\t' '{print $2}'
