status: 0
--- stdout
5
--- stderr
