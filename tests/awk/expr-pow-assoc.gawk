status: 0
--- stdout
512 -4 4
--- stderr
