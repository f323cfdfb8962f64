status: 0
--- stdout
hello
world
--- stderr
