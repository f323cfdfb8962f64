status: 0
--- stdout
HELLO WORLD
--- stderr
