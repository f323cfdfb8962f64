status: 0
--- stdout
empty is false
--- stderr
