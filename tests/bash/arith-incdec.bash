status: 0
--- stdout
0 1 2 2 2 0
--- stderr
