status: 0
--- stdout
3
5
2
1
4
--- stderr
