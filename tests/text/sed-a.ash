status: 0
--- stdout
a
after
b
a
line2
b
line2
--- stderr
