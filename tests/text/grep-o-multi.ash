status: 0
--- stdout
1
22
333
--- stderr
