status: 0
--- stdout
4
1 [a]
2 []
3 [b]
4 []
--- stderr
