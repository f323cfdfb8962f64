status: 0
--- stdout
hello world
hello docker
3
status 3
--- stderr
