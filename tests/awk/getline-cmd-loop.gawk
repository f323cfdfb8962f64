status: 0
--- stdout
v 1
v 2
v 3
--- stderr
