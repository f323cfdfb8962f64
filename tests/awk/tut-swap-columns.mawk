status: 0
--- stdout
30 alice
25 bob
35 carol
40 dave
--- stderr
