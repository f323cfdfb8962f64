status: 0
--- stdout
2
3
4
--- stderr
