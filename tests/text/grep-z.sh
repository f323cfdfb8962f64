printf 'a1\0b2\0a3\0' | grep -z a | tr '\0' '\n'
