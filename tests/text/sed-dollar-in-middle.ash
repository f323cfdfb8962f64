status: 0
--- stdout
X
--- stderr
