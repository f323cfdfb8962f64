status: 0
--- stdout
status=1
--- stderr
head: invalid number 'x'
