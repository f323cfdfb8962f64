status: 0
--- stdout
banana split
foo_bar baz
--- stderr
