status: 0
--- stdout
2
4
6
1
3
5
--- stderr
