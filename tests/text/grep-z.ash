status: 0
--- stdout
a1
a3
--- stderr
