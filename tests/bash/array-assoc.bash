status: 0
--- stdout
1 2
2
one=1
two=2
--- stderr
