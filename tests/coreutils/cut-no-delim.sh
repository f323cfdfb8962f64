printf 'abc\na:b\n' | cut -d: -f2
