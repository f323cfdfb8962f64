status: 0
--- stdout
odd
even
odd
--- stderr
