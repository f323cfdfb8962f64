status: 0
--- stdout
x:2
y:0
--- stderr
