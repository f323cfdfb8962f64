printf 'a\nb\n' | sed '2i before b'
