status: 0
--- stdout
5 10
20 3 15 4 -1
--- stderr
