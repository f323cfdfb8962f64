status: 0
--- stdout
0 26 0 10 1 -nan inf 101 9 10.5
11 10
--- stderr
