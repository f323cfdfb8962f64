status: 0
--- stdout
hi
hi
--- stderr
