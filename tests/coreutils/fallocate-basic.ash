status: 0
--- stdout
1048576
--- stderr
