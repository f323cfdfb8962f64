status: 0
--- stdout
status=1
--- stderr
tail: invalid number 'x'
