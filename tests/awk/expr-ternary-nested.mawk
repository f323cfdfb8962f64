status: 0
--- stdout
zero
--- stderr
