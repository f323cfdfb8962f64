status: 0
--- stdout
read one
read two
one
two
--- stderr
