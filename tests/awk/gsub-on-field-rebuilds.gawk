status: 0
--- stdout
2
a b c
3
--- stderr
