status: 0
--- stdout
XX
--- stderr
