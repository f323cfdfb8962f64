status: 0
--- stdout
x 1 a
--- stderr
