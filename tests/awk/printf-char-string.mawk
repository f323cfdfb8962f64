status: 0
--- stdout
hB
--- stderr
