status: 0
--- stdout
13
14
15
14
15
--- stderr
