status: 0
--- stdout
-:from-stdin
--- stderr
