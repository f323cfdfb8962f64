status: 0
--- stdout
a:b
a
--- stderr
