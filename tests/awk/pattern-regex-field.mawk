status: 0
--- stdout
alice 30 paris
carol 35 paris
--- stderr
