printf 'aa\naaa\naaaa\n' | grep -xE 'a{3}'
