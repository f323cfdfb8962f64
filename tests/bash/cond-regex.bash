status: 0
--- stdout
match 123
nomatch
--- stderr
