printf 'a]b\nab\n' | grep '[]]'; printf 'a-b\nab\n' | grep '[a-]b'
