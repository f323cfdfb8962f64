status: 0
--- stdout
berlin 1
london 1
paris 2
--- stderr
