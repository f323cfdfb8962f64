status: 0
--- stdout
abcabc
--- stderr
