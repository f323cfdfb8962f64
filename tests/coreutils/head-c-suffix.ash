status: 0
--- stdout
2048
512
--- stderr
