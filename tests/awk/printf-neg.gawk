status: 0
--- stdout
-3  -2.2 ffffffffffffffff
--- stderr
