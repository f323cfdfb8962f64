status: 0
--- stdout
top
b
top
b
--- stderr
