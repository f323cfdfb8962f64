status: 0
--- stdout
f f f t
--- stderr
