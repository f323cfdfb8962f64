status: 0
--- stdout
hi
t
--- stderr
