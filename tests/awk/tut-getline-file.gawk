status: 0
--- stdout
got x
got y
--- stderr
