status: 0
--- stdout
1234567890
--- stderr
