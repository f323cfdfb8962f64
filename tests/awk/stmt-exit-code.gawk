status: 0
--- stdout
status 3
--- stderr
