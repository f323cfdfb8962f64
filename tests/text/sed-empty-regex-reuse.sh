printf 'foo bar\nbaz\n' | sed '/foo/s//FOO/'
