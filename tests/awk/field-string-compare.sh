printf 'abc\n10\n' | awk '$1 > "5"'
