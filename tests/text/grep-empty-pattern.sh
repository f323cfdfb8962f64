printf 'a\n\nb\n' | grep -c ''
