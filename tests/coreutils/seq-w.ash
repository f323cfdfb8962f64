status: 0
--- stdout
08
09
10
11
099
100
--- stderr
