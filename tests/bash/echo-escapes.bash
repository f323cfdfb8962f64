status: 0
--- stdout
a\tb
a	b
xy\n
z
--- stderr
