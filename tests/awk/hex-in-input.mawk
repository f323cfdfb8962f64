status: 0
--- stdout
26 100
--- stderr
