status: 0
--- stdout
20
24
01
15
--- stderr
