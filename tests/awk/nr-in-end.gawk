status: 0
--- stdout
3 3 c
--- stderr
