status: 0
--- stdout
500000000
500000000
--- stderr
