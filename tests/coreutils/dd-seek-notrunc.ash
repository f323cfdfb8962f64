status: 0
--- stdout
012ab56789
--- stderr
