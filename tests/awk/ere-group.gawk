status: 0
--- stdout
Yx
--- stderr
