status: 0
--- stdout
a

rc=0
--- stderr
