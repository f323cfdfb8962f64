status: 0
--- stdout
c 3
--- stderr
