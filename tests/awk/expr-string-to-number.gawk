status: 0
--- stdout
4 12 0.5 100 0
--- stderr
