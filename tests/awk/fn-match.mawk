status: 0
--- stdout
2 2 2
0 0 -1
--- stderr
