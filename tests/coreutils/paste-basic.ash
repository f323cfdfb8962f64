status: 0
--- stdout
1	x
2	y
--- stderr
