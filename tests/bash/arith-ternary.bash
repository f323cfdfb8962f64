status: 0
--- stdout
10 20
1024 -3 -1
--- stderr
