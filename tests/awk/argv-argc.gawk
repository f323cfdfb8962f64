status: 0
--- stdout
0 awk
1 one
2 two
--- stderr
