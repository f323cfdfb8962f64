status: 0
--- stdout
a 1
b 3
--- stderr
