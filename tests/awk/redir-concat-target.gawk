status: 0
--- stdout
x
--- stderr
