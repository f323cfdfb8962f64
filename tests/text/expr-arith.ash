status: 0
--- stdout
3
7
20
3
2
--- stderr
