status: 0
--- stdout
1 10 6 0.3 1e-05 123457 1.23457e+06
--- stderr
