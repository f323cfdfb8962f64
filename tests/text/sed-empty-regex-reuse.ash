status: 0
--- stdout
FOO bar
baz
--- stderr
