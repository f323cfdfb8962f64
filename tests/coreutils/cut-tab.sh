printf 'a\tb\tc\n' | cut -f2
