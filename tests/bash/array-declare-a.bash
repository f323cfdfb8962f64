status: 0
--- stdout
6
0
--- stderr
