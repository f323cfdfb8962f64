status: 0
--- stdout
3
--- stderr
