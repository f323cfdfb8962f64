status: 0
--- stdout
6
--- stderr
