status: 0
--- stdout
14
1 3 14
8
9
--- stderr
