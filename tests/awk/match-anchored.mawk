status: 0
--- stdout
0 3 3 1
--- stderr
