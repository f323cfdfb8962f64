printf 'a\nb\nc' | tail -n 2; echo
