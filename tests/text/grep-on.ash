status: 0
--- stdout
6:2024
6:01
6:15
--- stderr
