status: 0
--- stdout
foo bar
foo-bar
--- stderr
