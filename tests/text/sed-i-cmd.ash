status: 0
--- stdout
a
before b
b
--- stderr
