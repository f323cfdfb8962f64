status: 0
--- stdout
1
0
1
--- stderr
