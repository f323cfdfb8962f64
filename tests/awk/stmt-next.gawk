status: 0
--- stdout
1
3
--- stderr
