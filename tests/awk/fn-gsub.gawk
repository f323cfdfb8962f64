status: 0
--- stdout
2 baz bar baz
--- stderr
