status: 0
--- stdout
13
21
--- stderr
