status: 0
--- stdout
b
ab
--- stderr
