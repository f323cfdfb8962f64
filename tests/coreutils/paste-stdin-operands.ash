status: 0
--- stdout
1:2
3:4
1	2	3
4	5	1+2+3
a,b
--- stderr
