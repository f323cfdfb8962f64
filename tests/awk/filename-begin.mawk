status: 0
--- stdout
[]
f
--- stderr
