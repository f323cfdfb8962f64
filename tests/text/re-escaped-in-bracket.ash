status: 0
--- stdout
aX\b
--- stderr
