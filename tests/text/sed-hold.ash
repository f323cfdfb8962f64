status: 0
--- stdout
c
b
a
--- stderr
