status: 0
--- stdout
2000.0 MB
--- stderr
