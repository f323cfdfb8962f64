status: 0
--- stdout
a b
c d
--- stderr
