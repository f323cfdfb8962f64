status: 0
--- stdout
baz
bar
--- stderr
