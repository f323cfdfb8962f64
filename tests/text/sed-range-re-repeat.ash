status: 0
--- stdout
S
1
E
S
2
E
--- stderr
