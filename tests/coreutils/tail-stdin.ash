status: 0
--- stdout
9
10
--- stderr
