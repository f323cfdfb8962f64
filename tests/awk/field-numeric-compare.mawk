status: 0
--- stdout
100
--- stderr
