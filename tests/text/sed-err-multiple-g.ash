status: 0
--- stdout
b
rc=0
--- stderr
