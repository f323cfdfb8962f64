status: 0
--- stdout
kept
--- stderr
