status: 0
--- stdout
10 30 3
--- stderr
