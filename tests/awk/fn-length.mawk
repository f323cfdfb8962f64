status: 0
--- stdout
3 0 5 0
--- stderr
