status: 0
--- stdout
dave 40
--- stderr
