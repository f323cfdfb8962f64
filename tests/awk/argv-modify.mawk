status: 0
--- stdout
f1 x
--- stderr
