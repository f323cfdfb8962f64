status: 0
--- stdout
l2
l4
--- stderr
