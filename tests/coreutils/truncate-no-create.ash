status: 0
--- stdout
status=0
--- stderr
