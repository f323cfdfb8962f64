printf 'a\nab\nb\n' | grep -xE 'a|b'
