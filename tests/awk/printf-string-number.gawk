status: 0
--- stdout
0.1 100 1000000
--- stderr
