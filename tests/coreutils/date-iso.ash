status: 0
--- stdout
1970-01-01
--- stderr
