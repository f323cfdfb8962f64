status: 0
--- stdout
Xaa
--- stderr
