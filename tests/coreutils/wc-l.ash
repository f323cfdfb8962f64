status: 0
--- stdout
2 f
2
--- stderr
