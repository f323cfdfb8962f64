status: 0
--- stdout
x=1
y=2
--- stderr
