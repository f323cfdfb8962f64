status: 0
--- stdout
15.75
--- stderr
