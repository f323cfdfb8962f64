status: 0
--- stdout
a{1
--- stderr
