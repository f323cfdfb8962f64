printf 'only\n' | awk '{r = getline; print r, $0}'
