status: 0
--- stdout
bc ab | | 234
--- stderr
