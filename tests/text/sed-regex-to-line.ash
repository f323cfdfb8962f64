status: 0
--- stdout
4
5
6
--- stderr
