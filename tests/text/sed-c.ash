status: 0
--- stdout
a
changed
c
--- stderr
