printf 'abc\na:b\n' | cut -s -d: -f2
