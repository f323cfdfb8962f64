printf 'a b\n' | wc
