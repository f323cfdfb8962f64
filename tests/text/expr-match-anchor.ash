status: 0
--- stdout
0
rc=1
2
--- stderr
