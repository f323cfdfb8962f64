status: 0
--- stdout
a	b
line1
line2
it's
AA
--- stderr
