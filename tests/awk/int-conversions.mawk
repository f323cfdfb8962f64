status: 0
--- stdout
26 12 0 1e+10
--- stderr
