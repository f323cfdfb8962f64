status: 0
--- stdout
in: ab
--- stderr
