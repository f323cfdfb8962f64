status: 0
--- stdout
1 0
no z
1
--- stderr
