status: 0
--- stdout
1 a
2 b
3 c
4 d
--- stderr
