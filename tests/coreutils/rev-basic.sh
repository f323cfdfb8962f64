printf 'abc\nhello\n' | rev
