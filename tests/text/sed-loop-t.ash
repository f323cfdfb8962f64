status: 0
--- stdout
1,234,567
--- stderr
