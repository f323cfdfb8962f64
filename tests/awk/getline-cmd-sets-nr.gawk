status: 0
--- stdout
2 b 0
--- stderr
