status: 0
--- stdout
Apple
ERROR
--- stderr
