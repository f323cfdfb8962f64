status: 0
--- stdout
s
1
e
s
3
--- stderr
