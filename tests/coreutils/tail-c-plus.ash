status: 0
--- stdout
world
--- stderr
