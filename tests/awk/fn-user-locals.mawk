status: 0
--- stdout
8 global
--- stderr
