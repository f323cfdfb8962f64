printf 'a{1\nab\n' | grep -E 'a{1'
