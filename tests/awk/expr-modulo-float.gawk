status: 0
--- stdout
1.5 -2
--- stderr
