status: 1
--- stdout
one
--- stderr
