status: 0
--- stdout
total: 6
--- stderr
