status: 0
--- stdout
one
h
--- stderr
