status: 0
--- stdout
a\b\c
--- stderr
