status: 0
--- stdout
a 3.14159
--- stderr
