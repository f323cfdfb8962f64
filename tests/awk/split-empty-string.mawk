status: 0
--- stdout
0 0
--- stderr
