status: 0
--- stdout
b 3
--- stderr
