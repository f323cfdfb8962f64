status: 0
--- stdout
/ 45%
--- stderr
