status: 0
--- stdout
differ
range
--- stderr
