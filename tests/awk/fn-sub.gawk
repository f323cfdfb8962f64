status: 0
--- stdout
baz bar foo
--- stderr
