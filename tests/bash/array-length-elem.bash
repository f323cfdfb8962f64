status: 0
--- stdout
3 2 3
--- stderr
