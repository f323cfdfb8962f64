status: 0
--- stdout
f: OK
status=0
--- stderr
