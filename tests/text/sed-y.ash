status: 0
--- stdout
HEllo
--- stderr
