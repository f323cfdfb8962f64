status: 0
--- stdout
x
y
x
X
y
X
--- stderr
