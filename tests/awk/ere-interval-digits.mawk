status: 0
--- stdout
--- stderr
