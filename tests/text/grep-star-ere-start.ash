status: 0
--- stdout
*a
--- stderr
