status: 0
--- stdout
55
--- stderr
