status: 0
--- stdout
b
b
--- stderr
