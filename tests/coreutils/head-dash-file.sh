printf 'a\nb\n' | head -n 1 -
