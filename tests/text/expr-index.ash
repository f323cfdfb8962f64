status: 1
--- stdout
3
0
--- stderr
