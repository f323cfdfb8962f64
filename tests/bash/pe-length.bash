status: 0
--- stdout
5
0
3
--- stderr
