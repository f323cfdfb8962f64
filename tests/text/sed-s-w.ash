status: 0
--- stdout
x
x
--- stderr
