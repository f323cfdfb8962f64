status: 0
--- stdout
a\tb
--- stderr
