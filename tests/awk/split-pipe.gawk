status: 0
--- stdout
2 b
--- stderr
