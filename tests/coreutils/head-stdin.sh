printf 'a\nb\nc\n' | head -n 2
