status: 0
--- stdout
3
4
5
--- stderr
