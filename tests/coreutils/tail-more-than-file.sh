printf 'a\nb\n' | tail -n 10
