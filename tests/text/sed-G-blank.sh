printf 'a\nb\n' | sed G
