status: 0
--- stdout
Ax aA
--- stderr
