status: 0
--- stdout
a b  d
4
--- stderr
