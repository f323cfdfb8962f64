status: 0
--- stdout
0 only
--- stderr
