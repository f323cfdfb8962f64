status: 0
--- stdout
9 7
--- stderr
