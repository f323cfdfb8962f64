status: 0
--- stdout
a b a a
b b b b
--- stderr
