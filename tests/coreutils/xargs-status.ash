status: 0
--- stdout
status=123
--- stderr
