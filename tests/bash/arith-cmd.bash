status: 0
--- stdout
two
zero
big
6
--- stderr
