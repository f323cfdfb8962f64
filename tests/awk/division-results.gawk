status: 0
--- stdout
0.25 0.666667 33.3333 333333
--- stderr
