status: 0
--- stdout
xxx
--- stderr
