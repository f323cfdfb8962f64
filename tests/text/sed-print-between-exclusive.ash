status: 0
--- stdout
x
y
--- stderr
