status: 0
--- stdout
xNy
--- stderr
