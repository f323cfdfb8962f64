status: 0
--- stdout
5 2 3
--- stderr
