status: 0
--- stdout
ff FF 10 0xff 010 42
--- stderr
