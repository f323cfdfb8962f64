status: 0
--- stdout
x
added
--- stderr
