status: 0
--- stdout

rc=0
--- stderr
