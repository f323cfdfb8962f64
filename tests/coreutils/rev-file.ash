status: 0
--- stdout
321
--- stderr
