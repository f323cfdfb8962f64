status: 0
--- stdout
6
7
8
9
10
11
12
13
14
15
--- stderr
