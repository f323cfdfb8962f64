status: 0
--- stdout
012ab
--- stderr
