status: 0
--- stdout
X X
--- stderr
