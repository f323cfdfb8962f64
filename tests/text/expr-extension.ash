status: 0
--- stdout
gz
--- stderr
