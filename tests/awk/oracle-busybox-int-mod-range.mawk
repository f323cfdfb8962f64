status: 0
--- stdout
1e+300 -1e+19 0 1 1
6 304
10000000000000000525
--- stderr
