status: 0
--- stdout
[]
[u]
--- stderr
