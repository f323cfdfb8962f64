status: 0
--- stdout
color
colour
--- stderr
