status: 0
--- stdout
0 12 0 10000000000
--- stderr
