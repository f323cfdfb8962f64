status: 0
--- stdout
8
1
--- stderr
