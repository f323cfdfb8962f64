status: 0
--- stdout
1e-06 0.0001234 0.142857
--- stderr
