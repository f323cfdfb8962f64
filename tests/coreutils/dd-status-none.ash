status: 0
--- stdout
3072
--- stderr
