status: 0
--- stdout
got 2 2
got 4 4
--- stderr
