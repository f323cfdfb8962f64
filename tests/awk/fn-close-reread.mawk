status: 0
--- stdout
l1 l1
--- stderr
