status: 0
--- stdout
a|    b|c    |42
one
two
--- stderr
