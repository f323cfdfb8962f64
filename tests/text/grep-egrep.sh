printf 'a\nb\n' | egrep 'a|b'
