status: 0
--- stdout
b|c
--- stderr
