status: 0
--- stdout
abcd
abcd
--- stderr
