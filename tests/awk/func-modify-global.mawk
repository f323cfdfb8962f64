status: 0
--- stdout
set
--- stderr
