status: 0
--- stdout
7 7 7
--- stderr
