status: 0
--- stdout
0 1 1 0 0 1
--- stderr
