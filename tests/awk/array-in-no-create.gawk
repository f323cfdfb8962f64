status: 0
--- stdout
0
--- stderr
