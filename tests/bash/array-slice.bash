status: 0
--- stdout
b c
d e
d e
--- stderr
