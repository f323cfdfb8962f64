status: 0
--- stdout
axb
--- stderr
