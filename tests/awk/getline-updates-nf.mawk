status: 0
--- stdout
2 d e 2 2
--- stderr
