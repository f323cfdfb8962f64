status: 0
--- stdout
a:b
d
--- stderr
