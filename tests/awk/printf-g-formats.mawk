status: 0
--- stdout
100000 1e+06 0.0001 1e-05 123.457
--- stderr
