status: 0
--- stdout
b
d
--- stderr
