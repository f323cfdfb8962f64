status: 0
--- stdout
ff
0
1A
--- stderr
