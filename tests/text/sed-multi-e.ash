status: 0
--- stdout
HellO
--- stderr
