status: 0
--- stdout
hello world
status 3
--- stderr
