status: 0
--- stdout
y
z
--- stderr
