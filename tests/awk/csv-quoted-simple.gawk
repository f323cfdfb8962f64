status: 0
--- stdout
avg=87.50
--- stderr
