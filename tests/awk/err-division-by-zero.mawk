status: 0
--- stdout
inf
--- stderr
