status: 0
--- stdout
S
b
c
--- stderr
