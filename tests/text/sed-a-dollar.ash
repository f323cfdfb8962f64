status: 0
--- stdout
x
y
the end
--- stderr
