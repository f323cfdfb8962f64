status: 0
--- stdout
007-x 5
--- stderr
