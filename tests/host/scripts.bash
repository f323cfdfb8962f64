status: 0
--- stdout
script args: 1 first
loop 1
loop 2
status 3
script args: 1 second
loop 1
loop 2
status 3
--- stderr
