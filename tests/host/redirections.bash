status: 0
--- stdout
one
two
hidden
ls:
one
two
a
b
--- stderr
err
