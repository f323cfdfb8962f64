status: 0
--- stdout
1
2
3
4
5
--- stderr
