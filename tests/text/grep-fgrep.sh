printf 'a.b\naxb\n' | fgrep 'a.b'
