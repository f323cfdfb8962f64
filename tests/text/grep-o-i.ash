status: 0
--- stdout
Foo
FOO
--- stderr
