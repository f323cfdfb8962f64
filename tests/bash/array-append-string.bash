status: 0
--- stdout
abcd
1 2 3
--- stderr
