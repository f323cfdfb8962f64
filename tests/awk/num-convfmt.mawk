status: 0
--- stdout
3.1
3.14159
--- stderr
