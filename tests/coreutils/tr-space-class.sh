printf 'a \tb\n' | tr -s '[:space:]' ' '; echo
