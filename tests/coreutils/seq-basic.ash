status: 0
--- stdout
1
2
3
2
3
4
1
3
5
7
--- stderr
