status: 0
--- stdout
HELLO
hippo
--- stderr
