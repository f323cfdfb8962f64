status: 0
--- stdout
a1c
--- stderr
