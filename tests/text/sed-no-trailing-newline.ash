status: 0
--- stdout
a
c
a
a--- stderr
