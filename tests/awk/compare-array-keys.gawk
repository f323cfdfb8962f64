status: 0
--- stdout
numeric-ish 10
--- stderr
