status: 0
--- stdout
a]b
a-b
ab
--- stderr
