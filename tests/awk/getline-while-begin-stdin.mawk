status: 0
--- stdout
2
--- stderr
