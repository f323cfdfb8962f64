status: 0
--- stdout
c&t
--- stderr
