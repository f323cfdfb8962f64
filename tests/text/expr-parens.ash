status: 0
--- stdout
20
--- stderr
