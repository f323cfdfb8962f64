status: 0
--- stdout
a 1 1
a 2 2
b 3 1
--- stderr
