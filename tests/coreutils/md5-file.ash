status: 0
--- stdout
b1946ac92492d2347c6235b4d2611184  f
--- stderr
