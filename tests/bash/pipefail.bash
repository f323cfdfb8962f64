status: 0
--- stdout
0
1
3
--- stderr
