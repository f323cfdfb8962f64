status: 0
--- stdout
10 4 21 3.5 1 -1 1024 8
--- stderr
