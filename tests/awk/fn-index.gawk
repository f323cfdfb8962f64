status: 0
--- stdout
3 0 1
--- stderr
