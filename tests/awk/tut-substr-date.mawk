status: 0
--- stdout
2024-03-15
--- stderr
