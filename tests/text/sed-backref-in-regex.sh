printf 'aa\nab\n' | sed -n '/\(.\)\1/p'
