status: 0
--- stdout
version: 1.2.4
--- stderr
