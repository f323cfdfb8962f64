status: 0
--- stdout
abcd
--- stderr
