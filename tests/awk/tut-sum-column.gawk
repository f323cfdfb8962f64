status: 0
--- stdout
130
--- stderr
