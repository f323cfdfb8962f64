printf 'foo\nbar\n' > f; sed -i 's/foo/baz/' f; cat f
