status: 0
--- stdout
15
12
24
6
2
8
--- stderr
