status: 0
--- stdout
alice 30 paris
carol 35 paris
dave 40 berlin
--- stderr
