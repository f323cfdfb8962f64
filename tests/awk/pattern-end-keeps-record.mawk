status: 0
--- stdout
last line 2
--- stderr
