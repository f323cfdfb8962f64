status: 0
--- stdout
[a][bcd]
--- stderr
