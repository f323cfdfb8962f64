status: 0
--- stdout
0.333333 2.5 1
--- stderr
