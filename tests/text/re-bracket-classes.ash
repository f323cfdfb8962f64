status: 0
--- stdout
xxx_ !
aB3x x
a_b
--- stderr
