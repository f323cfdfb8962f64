status: 0
--- stdout
numeric
--- stderr
