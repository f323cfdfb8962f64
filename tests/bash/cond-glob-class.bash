status: 0
--- stdout
digit
gz
empty
--- stderr
