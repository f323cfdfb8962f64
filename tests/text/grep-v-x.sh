printf 'a\nb\nab\n' | grep -vx a
