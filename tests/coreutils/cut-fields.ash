status: 0
--- stdout
b
a:c
b:c:d
--- stderr
