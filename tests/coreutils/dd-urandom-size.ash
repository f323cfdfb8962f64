status: 0
--- stdout
2048
--- stderr
