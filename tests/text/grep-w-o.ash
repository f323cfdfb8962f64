status: 0
--- stdout
foo
foo
foo
foo
--- stderr
