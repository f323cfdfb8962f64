status: 0
--- stdout
2
2
4
4
--- stderr
