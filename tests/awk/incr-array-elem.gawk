status: 0
--- stdout
3
1
--- stderr
