status: 0
--- stdout
5
0
rc=1

rc=1
--- stderr
