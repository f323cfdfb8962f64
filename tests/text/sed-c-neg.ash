status: 0
--- stdout
X
2
X
--- stderr
