status: 0
--- stdout
12
--- stderr
