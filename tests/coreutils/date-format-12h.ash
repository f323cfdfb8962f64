status: 0
--- stdout
12 12 PM 12
--- stderr
