status: 0
--- stdout
3 0
--- stderr
