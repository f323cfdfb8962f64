status: 0
--- stdout
6 5
--- stderr
