status: 0
--- stdout
a
a
rc=0
--- stderr
