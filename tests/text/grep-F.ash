status: 0
--- stdout
a.b
[x]
a.b
axb
--- stderr
