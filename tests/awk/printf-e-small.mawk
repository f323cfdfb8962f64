status: 0
--- stdout
0.000000e+00 1e+04 1.2345e-05 1.23e+06
--- stderr
