printf 'hello\nbook\nfree\n' | grep -E '(.)\1'
