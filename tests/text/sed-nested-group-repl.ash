status: 0
--- stdout
[abc|a|b]
--- stderr
