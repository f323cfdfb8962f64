status: 0
--- stdout
inet
--- stderr
