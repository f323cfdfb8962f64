status: 0
--- stdout
12 13
--- stderr
