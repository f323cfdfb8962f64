printf 'a\001\n' | sed -n l
