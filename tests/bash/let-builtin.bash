status: 0
--- stdout
5 10
1
0
--- stderr
