status: 0
--- stdout
1.22.3
--- stderr
