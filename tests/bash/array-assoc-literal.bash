status: 0
--- stdout
xy
3
set
--- stderr
