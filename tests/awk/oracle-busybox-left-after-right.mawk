status: 0
--- stdout
a bb-
15 1
--- stderr
