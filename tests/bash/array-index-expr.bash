status: 0
--- stdout
20 20 30
10 20 x
--- stderr
