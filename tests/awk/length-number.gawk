status: 0
--- stdout
4 8 0
--- stderr
