status: 0
--- stdout
42
--- stderr
