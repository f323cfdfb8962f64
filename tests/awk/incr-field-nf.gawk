status: 0
--- stdout
c
a b
2
--- stderr
