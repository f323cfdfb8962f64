status: 0
--- stdout
a
b
--- stderr
