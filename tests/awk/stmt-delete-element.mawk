status: 0
--- stdout
2
1
--- stderr
