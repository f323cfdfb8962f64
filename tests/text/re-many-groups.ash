status: 0
--- stdout
ihgfedcba
--- stderr
