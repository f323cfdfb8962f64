status: 0
--- stdout
k
k
--- stderr
