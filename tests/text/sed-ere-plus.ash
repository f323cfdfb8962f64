status: 0
--- stdout
X b
--- stderr
