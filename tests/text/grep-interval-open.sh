printf 'a\naa\naaa\n' | grep -xE 'a{2,}'
