status: 0
--- stdout
bob
dave
--- stderr
