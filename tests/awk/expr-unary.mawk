status: 0
--- stdout
-3 3 0 1 1
--- stderr
