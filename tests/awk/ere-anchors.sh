printf 'abc\nxabc\n' | awk '/^abc$/'
