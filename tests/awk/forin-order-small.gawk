status: 0
--- stdout
x
y
z
--- stderr
