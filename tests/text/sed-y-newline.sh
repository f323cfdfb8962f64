printf 'a b\n' | sed 'y/ /\n/'
