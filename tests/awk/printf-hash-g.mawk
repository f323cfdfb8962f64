status: 0
--- stdout
1.00000 0 2.00
--- stderr
