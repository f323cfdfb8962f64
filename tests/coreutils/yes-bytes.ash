status: 0
--- stdout
y
y
y
y
--- stderr
