status: 0
--- stdout
4
1 [a]
2 [b]
3 []
4 [c]
--- stderr
