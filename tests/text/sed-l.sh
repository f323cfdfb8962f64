printf 'a\tb\\c\n' | sed -n l
