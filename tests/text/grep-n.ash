status: 0
--- stdout
2:banana split
--- stderr
