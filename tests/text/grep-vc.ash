status: 0
--- stdout
4
--- stderr
