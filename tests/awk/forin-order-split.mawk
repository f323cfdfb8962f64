status: 0
--- stdout
3 c
2 b
1 a
4 d
--- stderr
