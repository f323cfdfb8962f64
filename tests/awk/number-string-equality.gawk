status: 0
--- stdout
1 1
--- stderr
