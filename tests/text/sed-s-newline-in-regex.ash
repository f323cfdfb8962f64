status: 0
--- stdout
joined
--- stderr
