status: 0
--- stdout
8 10
--- stderr
