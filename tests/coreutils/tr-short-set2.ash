status: 0
--- stdout
xyyy
--- stderr
