status: 0
--- stdout
2 0
--- stderr
