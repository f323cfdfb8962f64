status: 0
--- stdout
2
4
--- stderr
