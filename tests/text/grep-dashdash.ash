status: 0
--- stdout
-v
--- stderr
