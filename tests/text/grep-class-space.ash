status: 0
--- stdout
9
--- stderr
