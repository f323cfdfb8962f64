printf 'foo\n' > f; sed -i.bak 's/foo/qux/' f; cat f f.bak
