status: 0
--- stdout
2048
1000
--- stderr
