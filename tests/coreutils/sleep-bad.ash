status: 0
--- stdout
status=1
--- stderr
sleep: invalid number 'x'
