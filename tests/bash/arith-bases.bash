status: 0
--- stdout
31 15 10 35 255
--- stderr
