status: 0
--- stdout
1
3
4
5
3
--- stderr
