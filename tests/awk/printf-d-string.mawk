status: 0
--- stdout
12 0 -3
--- stderr
