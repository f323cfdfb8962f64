status: 0
--- stdout
4567
--- stderr
