status: 0
--- stdout
3 a b c
--- stderr
