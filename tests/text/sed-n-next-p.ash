status: 0
--- stdout
v1
v2
--- stderr
