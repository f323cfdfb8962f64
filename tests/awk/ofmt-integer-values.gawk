status: 0
--- stdout
17 17 17.50
--- stderr
