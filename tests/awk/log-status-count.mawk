status: 0
--- stdout
0 1
512 2
--- stderr
