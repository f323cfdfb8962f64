status: 0
--- stdout
x
z
y
--- stderr
