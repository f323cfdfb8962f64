status: 0
--- stdout
1 2 3 six
0 1 2 5
4
1 2 3 six seven
seven
--- stderr
