status: 0
--- stdout
0 abc
--- stderr
