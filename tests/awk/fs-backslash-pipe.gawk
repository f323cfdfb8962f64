status: 0
--- stdout
b
--- stderr
