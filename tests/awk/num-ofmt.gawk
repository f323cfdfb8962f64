status: 0
--- stdout
3.14
3.14159
--- stderr
