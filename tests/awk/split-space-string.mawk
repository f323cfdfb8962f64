status: 0
--- stdout
2 x
--- stderr
