status: 0
--- stdout
empty
z
nosplit
--- stderr
