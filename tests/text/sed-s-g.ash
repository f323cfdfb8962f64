status: 0
--- stdout
b b b
--- stderr
