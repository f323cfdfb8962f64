status: 0
--- stdout
1 3 4
0 2 3
[]
--- stderr
