status: 0
--- stdout
f: OK
--- stderr
