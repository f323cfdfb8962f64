status: 0
--- stdout
mixed 123 MIXED 123
--- stderr
