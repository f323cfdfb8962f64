status: 0
--- stdout
0
rc=1
0
rc=1

rc=1
--- stderr
