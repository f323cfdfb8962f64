status: 0
--- stdout
0 100
--- stderr
