status: 0
--- stdout
13 1 3
--- stderr
