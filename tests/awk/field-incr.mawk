status: 0
--- stdout
6 8
--- stderr
