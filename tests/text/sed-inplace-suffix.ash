status: 0
--- stdout
qux
foo
--- stderr
