status: 0
--- stdout
100000
--- stderr
