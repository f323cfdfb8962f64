status: 0
--- stdout
a b c d 4
--- stderr
