status: 0
--- stdout
32.5
--- stderr
