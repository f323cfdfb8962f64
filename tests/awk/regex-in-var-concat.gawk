status: 0
--- stdout
4 3
--- stderr
