status: 0
--- stdout
1
--- stderr
