status: 0
--- stdout
42 0
--- stderr
