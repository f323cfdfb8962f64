status: 0
--- stdout
b c d
b c
d
4
--- stderr
