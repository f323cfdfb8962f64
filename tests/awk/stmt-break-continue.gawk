status: 0
--- stdout
0
2
4
6
--- stderr
