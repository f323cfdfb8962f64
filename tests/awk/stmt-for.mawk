status: 0
--- stdout
0
1
2
--- stderr
