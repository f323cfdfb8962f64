status: 0
--- stdout
3 -3 4 1 0 0 1 3.14159
--- stderr
