printf 'cat\ncatalog\nthe cat sat\n' | grep '\<cat\>'; printf 'cat\nbobcat\n' | grep 'cat\b'
