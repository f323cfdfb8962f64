status: 0
--- stdout
one two
--- stderr
