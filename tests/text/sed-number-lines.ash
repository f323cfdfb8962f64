status: 0
--- stdout
1 a
2 b
--- stderr
