status: 0
--- stdout
ab
--- stderr
