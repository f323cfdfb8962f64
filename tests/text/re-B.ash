status: 0
--- stdout
Xbc a
--- stderr
