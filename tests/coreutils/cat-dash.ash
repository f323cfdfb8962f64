status: 0
--- stdout
in
x
--- stderr
