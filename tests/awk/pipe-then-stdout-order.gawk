status: 0
--- stdout
b
a
--- stderr
