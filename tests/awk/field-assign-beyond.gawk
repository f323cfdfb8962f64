status: 0
--- stdout
a b   e
5
--- stderr
