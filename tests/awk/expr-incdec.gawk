status: 0
--- stdout
5 6 7 7 5
--- stderr
