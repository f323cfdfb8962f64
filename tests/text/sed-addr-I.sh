printf 'Foo\nbar\n' | sed -n '/foo/Ip'
