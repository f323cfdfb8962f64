status: 0
--- stdout
alice 30
carol 35
dave 40
--- stderr
