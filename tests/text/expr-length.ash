status: 0
--- stdout
11
--- stderr
