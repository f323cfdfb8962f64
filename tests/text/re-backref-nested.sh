printf 'abcabc\nabcabd\n' | grep -E '^((a)bc)\1$'
