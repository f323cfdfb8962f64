status: 0
--- stdout
123
3
0
rc=1
--- stderr
