status: 0
--- stdout
1
0
rc=1
1
1
0
rc=1
--- stderr
