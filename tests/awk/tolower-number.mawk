status: 0
--- stdout
1000 Àb
--- stderr
