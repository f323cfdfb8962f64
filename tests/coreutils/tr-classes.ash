status: 0
--- stdout
HELLO WORLD 123
ab
--- stderr
