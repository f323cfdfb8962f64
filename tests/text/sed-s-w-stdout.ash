status: 0
--- stdout
A
b
--- stderr
