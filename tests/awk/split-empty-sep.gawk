status: 0
--- stdout
3 a c
--- stderr
