status: 0
--- stdout
hi
--- stderr
