status: 0
--- stdout
to stdout file
--- stderr
