status: 0
--- stdout
1
gone
5
--- stderr
