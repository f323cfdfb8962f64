status: 0
--- stdout
30
25
35
40
--- stderr
