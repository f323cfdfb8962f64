status: 0
--- stdout
xy
z
--- stderr
