status: 0
--- stdout
11 5
--- stderr
