status: 0
--- stdout
0
1
2
j10
j6
j2
--- stderr
