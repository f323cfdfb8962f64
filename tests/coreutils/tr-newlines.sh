printf 'a b c\n' | tr ' ' '\n'
