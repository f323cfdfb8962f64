status: 0
--- stdout
c
rc=0
--- stderr
