status: 0
--- stdout
2 1 a-
--- stderr
