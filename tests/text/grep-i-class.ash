status: 0
--- stdout
HELLO
--- stderr
