status: 0
--- stdout
0 -1
--- stderr
